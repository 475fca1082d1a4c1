import type { Db } from '../open.ts';
import type { Preferences } from '../../../shared/api/profile.ts';

interface PreferencesRow {
  language: Preferences['language'];
  large_text: number;
  notify_new_messages: number;
}

function rowToPreferences(r: PreferencesRow): Preferences {
  return { language: r.language, largeText: r.large_text === 1, emailOnNewMessage: r.notify_new_messages === 1 };
}

export function findPreferences(db: Db, userId: number): Preferences | null {
  const r = db.prepare('SELECT language, large_text, notify_new_messages FROM users WHERE id = ?').get(userId) as
    PreferencesRow | undefined;
  return r ? rowToPreferences(r) : null;
}

/** Writes all three (the caller merged the change into the current ones). */
export function setPreferences(db: Db, userId: number, p: Preferences): void {
  db.prepare('UPDATE users SET language = ?, large_text = ?, notify_new_messages = ? WHERE id = ?').run(
    p.language,
    p.largeText ? 1 : 0,
    p.emailOnNewMessage ? 1 : 0,
    userId,
  );
}
