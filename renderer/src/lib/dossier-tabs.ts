// The tabs of Mijn dossier and their value in the address (?tab=…). Exported so a benchmark can open a tab directly
// and wait for `[data-testid="dossier-<testid>"][data-ready="true"]`, which each tab sets once its data is shown.
export const DOSSIER_TABS = [
  { key: 'timeline', query: 'tijdslijn', testId: 'dossier-timeline' },
  { key: 'read', query: 'lezen', testId: 'dossier-read' },
  { key: 'plans', query: 'plannen', testId: 'dossier-plans' },
] as const;
export type DossierTab = (typeof DOSSIER_TABS)[number]['key'];

/** The CSS selector that matches a tab's content once it has finished rendering its data. */
export function readySelector(tab: DossierTab): string {
  const testId = DOSSIER_TABS.find((x) => x.key === tab)!.testId;
  return `[data-testid="${testId}"][data-ready="true"]`;
}
