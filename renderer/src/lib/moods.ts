// The prikbord smileys (SVRZ): one icon per mood from the fixed set the server accepts.
import { mdiEmoticonHappyOutline, mdiEmoticonNeutralOutline, mdiEmoticonSadOutline, mdiSleep } from '@mdi/js';
import type { Mood } from '../../../shared/api/details.ts';

export const MOOD_ICONS: Record<Mood, string> = {
  happy: mdiEmoticonHappyOutline,
  okay: mdiEmoticonNeutralOutline,
  sad: mdiEmoticonSadOutline,
  tired: mdiSleep,
};
