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

    window.flowforge = {
        load: (key) => window.localStorage.getItem('flowforge.' + key),
        save: (key, value) => window.localStorage.setItem('flowforge.' + key, value),
        scrollToBottom: (element) => { if (element) { element.scrollTop = element.scrollHeight; } },
        isNearBottom: (element) => !element || element.scrollHeight - element.scrollTop - element.clientHeight < 40,
    };
})();
