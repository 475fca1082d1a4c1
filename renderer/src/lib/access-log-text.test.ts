import { describe, expect, it } from 'vitest';
import { createI18n } from 'vue-i18n';
import { nl } from '../i18n/nl.ts';
import { en } from '../i18n/en.ts';
import { ACCESS_PARTS, ACCESS_VERBS, capitalise, describeAccess, usesSingular } from './access-log-text.ts';

describe('describeAccess', () => {
  it('reads the actions of today', () => {
    expect(describeAccess('appointments.read')).toEqual({ part: 'appointments', verb: 'read' });
    expect(describeAccess('appointments.create')).toEqual({ part: 'appointments', verb: 'create' });
    expect(describeAccess('appointments.update')).toEqual({ part: 'appointments', verb: 'update' });
    expect(describeAccess('appointments.delete')).toEqual({ part: 'appointments', verb: 'delete' });
    expect(describeAccess('home.read')).toEqual({ part: 'home', verb: 'read' });
  });
  it('reads the actions of the other panels by their prefix', () => {
    expect(describeAccess('messages.read')).toEqual({ part: 'messages', verb: 'read' });
    expect(describeAccess('messages.send')).toEqual({ part: 'messages', verb: 'send' });
    expect(describeAccess('dossier.read')).toEqual({ part: 'dossier', verb: 'read' });
    expect(describeAccess('details.read')).toEqual({ part: 'details', verb: 'read' });
    expect(describeAccess('data.update')).toEqual({ part: 'details', verb: 'update' });
    expect(describeAccess('board.create')).toEqual({ part: 'board', verb: 'create' });
    expect(describeAccess('board.react')).toEqual({ part: 'board', verb: 'react' });
  });
  it('takes the most specific known part', () => {
    expect(describeAccess('dossier.report.create')).toEqual({ part: 'reports', verb: 'create' });
    expect(describeAccess('dossier.plans.read')).toEqual({ part: 'plans', verb: 'read' });
    expect(describeAccess('board.reaction.delete')).toEqual({ part: 'board', verb: 'delete' });
    expect(describeAccess('dossier.unknownthing.read')).toEqual({ part: 'dossier', verb: 'read' });
  });
  it('falls back to "other" for what it does not know, never throws', () => {
    expect(describeAccess('telepathy.beam')).toEqual({ part: 'other', verb: 'other' });
    expect(describeAccess('messages')).toEqual({ part: 'messages', verb: 'other' });
    expect(describeAccess('')).toEqual({ part: 'other', verb: 'other' });
    expect(describeAccess('Messages.READ')).toEqual({ part: 'messages', verb: 'read' });
  });
});

describe('phrases', () => {
  const i18n = createI18n({ legacy: false, locale: 'nl', messages: { nl, en } });
  const { t } = i18n.global;
  const phrase = (action: string) => {
    const { part, verb } = describeAccess(action);
    const what = t(`accessLog.parts.${part}.${usesSingular(verb) ? 'one' : 'many'}`);
    return capitalise(t(`accessLog.verbs.${verb}`, { what }));
  };
  it('say in plain Dutch what happened', () => {
    expect(phrase('appointments.read')).toBe('Afspraken bekeken');
    expect(phrase('home.read')).toBe('Startscherm bekeken');
    expect(phrase('appointments.create')).toBe('Afspraak toegevoegd');
    expect(phrase('appointments.update')).toBe('Afspraak gewijzigd');
    expect(phrase('appointments.delete')).toBe('Afspraak verwijderd');
    expect(phrase('messages.read')).toBe('Berichten bekeken');
    expect(phrase('dossier.read')).toBe('Dossier bekeken');
    expect(phrase('details.read')).toBe('Gegevens bekeken');
    expect(phrase('board.read')).toBe('Prikbord bekeken');
  });
  it('exist for every part and verb in both languages', () => {
    for (const locale of ['nl', 'en'] as const) {
      i18n.global.locale.value = locale;
      for (const part of ACCESS_PARTS) {
        for (const form of ['one', 'many']) {
          expect(i18n.global.te(`accessLog.parts.${part}.${form}`), `${locale} ${part}.${form}`).toBe(true);
        }
      }
      for (const verb of ACCESS_VERBS)
        expect(i18n.global.te(`accessLog.verbs.${verb}`), `${locale} ${verb}`).toBe(true);
    }
    i18n.global.locale.value = 'nl';
  });
});
