// Scrolling the virtualized log to a line: rows have a fixed height, so a line's offset is its index times that height.
export function scrollToLine(scroller, index, rowHeight) {
    if (!scroller) {
        return;
    }

    const top = index * rowHeight;
    const visible = top >= scroller.scrollTop && top + rowHeight <= scroller.scrollTop + scroller.clientHeight;
    if (!visible) {
        scroller.scrollTop = Math.max(0, top - scroller.clientHeight / 3);
    }
}
