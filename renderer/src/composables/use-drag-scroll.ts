// Dragging a horizontal scroller with mouse or pen (touch scrolls natively). The pointer is captured only once it
// has moved a few pixels, so a plain click still reaches the card under it; the click that ends a drag is swallowed.
import type { Ref } from 'vue';

const THRESHOLD_PX = 6;

export function useDragScroll(scroller: Ref<HTMLElement | null>) {
  let drag: { x: number; left: number; id: number; moved: boolean } | null = null;
  let swallowClick = false;

  function onPointerDown(e: PointerEvent) {
    if (e.pointerType === 'touch' || e.button !== 0 || !scroller.value) return;
    drag = { x: e.clientX, left: scroller.value.scrollLeft, id: e.pointerId, moved: false };
  }
  function onPointerMove(e: PointerEvent) {
    const el = scroller.value;
    if (!drag || !el || e.pointerId !== drag.id) return;
    const dx = e.clientX - drag.x;
    if (!drag.moved && Math.abs(dx) < THRESHOLD_PX) return;
    if (!drag.moved) {
      drag.moved = true;
      el.setPointerCapture(e.pointerId);
    }
    el.scrollLeft = drag.left - dx;
  }
  function onPointerUp(e: PointerEvent) {
    if (!drag || e.pointerId !== drag.id) return;
    swallowClick = drag.moved;
    if (scroller.value?.hasPointerCapture(e.pointerId)) scroller.value.releasePointerCapture(e.pointerId);
    drag = null;
  }
  function onClickCapture(e: MouseEvent) {
    if (!swallowClick) return;
    swallowClick = false;
    e.stopPropagation();
    e.preventDefault();
  }
  return { onPointerDown, onPointerMove, onPointerUp, onClickCapture };
}
