import { describe, expect, it } from 'vitest';
import type { Section } from '../../../shared/sections.ts';
import { PANELS, visiblePanels } from './panels.ts';

describe('home panels', () => {
  it('maps each panel to its section right', () => {
    expect(PANELS.map((p) => [p.key, p.section])).toEqual([
      ['appointments', 'appointments'],
      ['messages', 'messages'],
      ['file', 'dossier'],
      ['details', 'data'],
    ]);
  });

  it('shows only the panels whose right the user holds, in order', () => {
    expect(visiblePanels(() => true).map((p) => p.key)).toEqual(['appointments', 'messages', 'file', 'details']);
    expect(visiblePanels(() => false)).toEqual([]);
    const only = new Set<Section>(['data', 'appointments', 'settings']);
    expect(visiblePanels((s) => only.has(s)).map((p) => p.key)).toEqual(['appointments', 'details']);
  });
});
