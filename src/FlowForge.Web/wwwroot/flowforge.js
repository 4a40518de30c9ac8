// Small browser helpers for the dashboard: keyboard shortcuts and per-browser preferences.
(() => {
    const typing = (element) => element && (element.tagName === 'INPUT' || element.tagName === 'TEXTAREA' || element.tagName === 'SELECT' || element.isContentEditable);
    let pendingG = false;

    document.addEventListener('keydown', (event) => {
        if (event.ctrlKey || event.metaKey || event.altKey || typing(document.activeElement)) {
            return;
        }

        if (event.key === '/') {
            const search = document.querySelector('[data-shortcut="search"]');
            if (search) {
                event.preventDefault();
                search.focus();
            }
            return;
        }

        if (pendingG) {
            pendingG = false;
            const target = { p: '', r: 'radiator', s: 'settings' }[event.key];
            if (target !== undefined) {
                event.preventDefault();
                window.location.assign(document.baseURI + target);
            }
            return;
        }

        if (event.key === 'g') {
            pendingG = true;
            setTimeout(() => { pendingG = false; }, 1000);
        }
    });

    // Healing the live connection. blazor.web.js retries on its own for a while; when it gives up ('failed') or the
    // server no longer knows this page's session ('rejected', after a restart), wait until the server answers again,
    // then reconnect, or, on pages that hold nothing typed in (marked data-auto-reload: the lists, the radiator),
    // reload. A radiator on a wall must come back after a deploy with nobody touching it.
    const healing = { timer: null };
    const serverAnswers = async () => {
        try {
            const response = await fetch(new URL('health', document.baseURI), { cache: 'no-store' });
            return response.ok;
        } catch {
            return false;
        }
    };
    const heal = async (rejected) => {
        if (!(await serverAnswers())) {
            return false;
        }
        if (!rejected && window.Blazor && typeof window.Blazor.reconnect === 'function') {
            try {
                if (await window.Blazor.reconnect()) {
                    return true;
                }
            } catch {
                // Fall through to a reload where that is safe.
            }
        }
        if (document.querySelector('[data-auto-reload]')) {
            window.location.reload();
            return true;
        }
        return false;
    };
    const watchConnection = () => {
        const banner = document.getElementById('components-reconnect-modal');
        if (!banner) {
            return;
        }
        new MutationObserver(() => {
            const list = banner.classList;
            const gaveUp = list.contains('components-reconnect-failed') || list.contains('components-reconnect-resume-failed');
            const rejected = list.contains('components-reconnect-rejected');
            if ((gaveUp || rejected) && healing.timer === null) {
                healing.timer = setInterval(async () => {
                    if (await heal(rejected)) {
                        clearInterval(healing.timer);
                        healing.timer = null;
                    }
                }, 5000);
            } else if (!gaveUp && !rejected && healing.timer !== null) {
                clearInterval(healing.timer);
                healing.timer = null;
            }
        }).observe(banner, { attributes: true, attributeFilter: ['class'] });
    };
    if (document.readyState === 'loading') {
        document.addEventListener('DOMContentLoaded', watchConnection);
    } else {
        watchConnection();
    }

    window.flowforge = {
        load: (key) => window.localStorage.getItem('flowforge.' + key),
        save: (key, value) => window.localStorage.setItem('flowforge.' + key, value),
        scrollToBottom: (element) => { if (element) { element.scrollTop = element.scrollHeight; } },
        isNearBottom: (element) => !element || element.scrollHeight - element.scrollTop - element.clientHeight < 40,
    };
})();
