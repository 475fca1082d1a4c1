// Counts finished navigations: a page moves focus to its heading only after the first one, so a fresh page load
// keeps the browser's normal start position while every in-app page change tells screen-reader users where they are.
let count = 0;
export function noteNavigation(): void {
  count += 1;
}
export function isInAppNavigation(): boolean {
  return count > 1;
}
