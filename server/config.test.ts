import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.ts';

describe('configuration', () => {
  it('defaults to the Careyn preset on 127.0.0.1:8470', () => {
    const c = loadConfig({});
    expect(c).toMatchObject({
      port: 8470,
      host: '127.0.0.1',
      publicUrl: 'http://127.0.0.1:8470',
      organisationName: 'Careyn',
    });
    expect(c.organisation).toMatchObject({ messagesToCareTeam: false, moodOnBoard: false });
    expect(c.dbFile.endsWith('.portal-data/portal.sqlite')).toBe(true);
  });

  it('reproduces the manuals with presets: messages to the care team, the mood smiley', () => {
    expect(loadConfig({ PORTAL_ORG_PRESET: 'pluryn' }).organisation).toMatchObject({
      name: 'Pluryn',
      messagesToCareTeam: true,
      moodOnBoard: false,
    });
    expect(loadConfig({ PORTAL_ORG_PRESET: 'svrz' }).organisation).toMatchObject({ name: 'SVRZ', moodOnBoard: true });
    expect(loadConfig({ PORTAL_ORG_PRESET: 'hilverzorg' }).organisation.messagesToCareTeam).toBe(true);
  });

  it('lets the environment override a preset', () => {
    const c = loadConfig({
      PORTAL_ORG_PRESET: 'careyn',
      PORTAL_ORG_NAME: 'Zorggroep Oost',
      PORTAL_MESSAGES_TO_CARE_TEAM: '1',
    });
    expect(c.organisationName).toBe('Zorggroep Oost');
    expect(c.organisation.messagesToCareTeam).toBe(true);
    expect(c.mailFrom).toContain('Zorggroep Oost');
  });

  it('names the variable of a bad value', () => {
    expect(() => loadConfig({ PORTAL_PORT: 'abc' })).toThrow(ConfigError);
    expect(() => loadConfig({ PORTAL_ORG_PRESET: 'nergens' })).toThrow(/PORTAL_ORG_PRESET/);
    expect(() => loadConfig({ PORTAL_SMS: 'twilio' })).toThrow(/TWILIO_ACCOUNT_SID/);
  });
});
