/* Material wraps each table in a box that scrolls sideways when the table is wider than the screen
   (div.md-typeset__scrollwrap, made at run time). A box that can scroll must take keyboard focus, so
   it can be scrolled without a mouse (WCAG 2.1.1; axe rule scrollable-region-focusable). Every box
   gets it, because text zoom can make any table overflow without a resize event. */
document$.subscribe(function () {
  document.querySelectorAll(".md-typeset__scrollwrap").forEach(function (box) {
    box.tabIndex = 0;
  });
});
