// Every feature's bulk generator, in the order they run for each client.
import { seedAppointmentsScale } from './appointments.ts';
import { seedMessages } from './messages.ts';
import { seedDossier } from './dossier.ts';
import { seedDetails } from './details.ts';
import type { ScaleSeeder } from './types.ts';

export const SCALE_SEEDERS: ReadonlyArray<{ name: string; seed: ScaleSeeder }> = [
  { name: 'afspraken', seed: seedAppointmentsScale },
  { name: 'berichten', seed: seedMessages },
  { name: 'dossier', seed: seedDossier },
  { name: 'gegevens', seed: seedDetails },
];
