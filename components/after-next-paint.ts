// Work for the task after the browser's next frame: DOM changes made in several tasks before a frame are laid out
// and painted together in that frame, so spreading work over tasks alone does not spread its layout.

/** Runs `callback` in a task after the next frame has been rendered; returns a cancel function. */
export function afterNextPaint(callback: () => void): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  // rAF callbacks run just before the frame's style, layout and paint; a timeout set there runs after them.
  const frame = requestAnimationFrame(() => {
    timer = setTimeout(callback, 0);
  });
  return () => {
    cancelAnimationFrame(frame);
    clearTimeout(timer);
  };
}
