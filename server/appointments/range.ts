// The period an agenda request covers. Defaults and limits live here, beside the clock, not in the zod schema:
// the default depends on "now".
import { DAY } from '../clock.ts';
import { fieldError } from '../http/errors.ts';
import { DEFAULT_RANGE_DAYS, MAX_RANGE_DAYS } from '../../shared/api/appointments.ts';

export interface Range {
  from: string;
  to: string;
}

/** from defaults to a day before now, to to 62 days after from; to must be after from and at most 400 days on. */
export interface RangeQuery {
  from?: string | undefined;
  to?: string | undefined;
}

/** Where a period starts when `from` is not given (days before now) and how long it is when `to` is not given. */
export interface RangeDefaults {
  daysBack: number;
  days: number;
}

export function resolveRange(
  now: Date,
  q: RangeQuery,
  defaults: RangeDefaults = { daysBack: 1, days: DEFAULT_RANGE_DAYS },
): Range {
  const from = q.from ? new Date(q.from) : new Date(now.getTime() - defaults.daysBack * DAY);
  const to = q.to ? new Date(q.to) : new Date(from.getTime() + defaults.days * DAY);
  if (to.getTime() <= from.getTime()) {
    throw fieldError('validation_failed', 'to must be after from', 'to', 'not_after_from');
  }
  if (to.getTime() - from.getTime() > MAX_RANGE_DAYS * DAY) {
    throw fieldError('validation_failed', `At most ${MAX_RANGE_DAYS} days at once`, 'to', 'range_too_long');
  }
  return { from: from.toISOString(), to: to.toISOString() };
}
