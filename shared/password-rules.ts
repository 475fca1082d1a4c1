// Password rules of DESIGN §7 (ASVS 5.0 L2): length 10–128, no composition rules, reject easily guessed ones.
// The dictionary check runs on the server (authoritative) and in the renderer (strength meter) with the same code.
import { ZxcvbnFactory } from '@zxcvbn-ts/core';
import * as common from '@zxcvbn-ts/language-common';
import * as dutch from '@zxcvbn-ts/language-nl-be';

import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from './password-limits.ts';

export { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH };
/** zxcvbn score (0–4) a password needs: 3 = "safely unguessable: moderate protection from offline attacks". */
export const PASSWORD_MIN_SCORE = 3;

let factory: ZxcvbnFactory | null = null;
function estimator(): ZxcvbnFactory {
  // Built on first use: the dictionaries take a moment to index and most processes never judge a password.
  factory ??= new ZxcvbnFactory({
    graphs: common.adjacencyGraphs,
    dictionary: { ...common.dictionary, ...dutch.dictionary },
  });
  return factory;
}

export type PasswordProblem = 'too_short' | 'too_long' | 'too_weak' | 'contains_username';

export interface PasswordVerdict {
  ok: boolean;
  /** 0 (very weak) … 4 (very strong), for the strength meter. */
  score: 0 | 1 | 2 | 3 | 4;
  problems: PasswordProblem[];
}

export function judgePassword(password: string, userInputs: string[] = []): PasswordVerdict {
  const problems: PasswordProblem[] = [];
  // Count code points, not UTF-16 units, so an emoji counts as one character.
  const length = [...password].length;
  if (length < PASSWORD_MIN_LENGTH) problems.push('too_short');
  if (length > PASSWORD_MAX_LENGTH) problems.push('too_long');
  const lowered = password.toLowerCase();
  if (userInputs.some((u) => u.length >= 3 && lowered.includes(u.toLowerCase()))) problems.push('contains_username');
  // zxcvbn is slow on very long input; long passwords are strong by length anyway.
  const score = (
    length > 64 ? 4 : estimator().check(password.slice(0, 64), userInputs).score
  ) as PasswordVerdict['score'];
  if (score < PASSWORD_MIN_SCORE && !problems.includes('too_short')) problems.push('too_weak');
  return { ok: problems.length === 0, score, problems };
}
