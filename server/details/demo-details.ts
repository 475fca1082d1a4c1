// The demo client's "Mijn gegevens": Truus van Dorp's data and contacts as the EHR would deliver them, and a few
// prikbord posts (one with a photo and a smiley) with reactions by Annie van Dorp, after the manuals' examples.
// Idempotent: EHR rows are upserts by (source, external id); posts are only added while the board is empty.
import sharp from 'sharp';
import { upsertClientContact, upsertClientDetails } from '../db/repos/client-details.ts';
import { insertPhoto, insertPost, insertReaction, listPosts } from '../db/repos/board.ts';
import { findUserByUsername } from '../db/repos/users.ts';
import { findClientByUserId } from '../db/repos/clients.ts';
import { processPhoto } from './photo.ts';
import type { Clock } from '../clock.ts';
import type { Db } from '../db/open.ts';

const DEMO_EHR = 'demo-ehr';
const HOUR = 3_600_000;

/** A soft two-colour "garden" picture: sky over grass with a yellow sun, made on the fly (no image files in git). */
async function gardenPhoto(): Promise<Buffer> {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="640" height="480">
    <rect width="640" height="300" fill="#9fd3f5"/><rect y="300" width="640" height="180" fill="#5aa64a"/>
    <circle cx="520" cy="90" r="55" fill="#ffd84a"/><rect x="120" y="250" width="24" height="90" fill="#7a4a22"/>
    <circle cx="132" cy="220" r="70" fill="#2f7d32"/></svg>`;
  return (await processPhoto(await sharp(Buffer.from(svg)).png().toBuffer())).data;
}

async function portrait(): Promise<Buffer> {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="200" height="200">
    <rect width="200" height="200" fill="#d9e7f2"/><circle cx="100" cy="80" r="42" fill="#e8b894"/>
    <path d="M30 200 Q100 110 170 200 Z" fill="#5b7fa6"/><path d="M58 70 Q100 20 142 70 Q130 40 100 38 Q70 40 58 70Z" fill="#cfcfcf"/></svg>`;
  return sharp(Buffer.from(svg)).jpeg({ quality: 85 }).toBuffer();
}

export async function seedDemoDetails(deps: { db: Db; clock: Clock }): Promise<void> {
  const truus = findUserByUsername(deps.db, 'truus');
  const annie = findUserByUsername(deps.db, 'annie');
  if (!truus || !annie) return;
  const client = findClientByUserId(deps.db, truus.id)!;
  const now = deps.clock.now().getTime();
  const syncedAt = new Date(now).toISOString();
  const ago = (hours: number) => new Date(now - hours * HOUR).toISOString();
  const [photo, garden] = await Promise.all([portrait(), gardenPhoto()]);
  deps.db.transaction(() => {
    upsertClientDetails(deps.db, {
      clientId: client.id,
      fullName: 'Truus van Dorp',
      birthDate: '1947-03-12',
      address: 'Dorpsstraat 12',
      postalCode: '3811 AB',
      city: 'Amersfoort',
      phone: '033-4567890',
      clientNumber: '100234',
      location: 'Woonzorgcentrum De Zonnebloem',
      ward: 'Afdeling Lindehof',
      photo: { data: photo, type: 'image/jpeg' },
      source: DEMO_EHR,
      externalId: `client-${client.id}`,
      syncedAt,
    });
    const contacts: Array<[string, string, string | null, string | null]> = [
      ['Annie van Dorp', 'Eerste relatie/contactpersoon', '06-87654321', 'annie@example.nl'],
      ['Kees van Dorp', 'Zoon', '06-23456789', null],
      ['Ellen Smits', 'Tweede contactpersoon', '033-4561234', 'ellen.smits@example.nl'],
      ['Dokter de Wit', 'Huisarts', '033-4229900', null],
    ];
    contacts.forEach(([name, relation, phone, email], i) =>
      upsertClientContact(deps.db, {
        clientId: client.id,
        name,
        relation,
        phone,
        email,
        source: DEMO_EHR,
        externalId: `client-${client.id}-contact-${i + 1}`,
        syncedAt,
      }),
    );
    if (listPosts(deps.db, client.id, null, 1).length > 0) return;
    const first = insertPost(deps.db, {
      clientId: client.id,
      authorUserId: annie.id,
      text: 'Zondag kom ik met de kinderen langs. We nemen appeltaart mee!',
      photoId: null,
      mood: null,
      at: ago(50),
    });
    insertReaction(deps.db, { postId: first, authorUserId: truus.id, text: 'Gezellig, ik zet koffie.', at: ago(48) });
    const photoId = insertPhoto(deps.db, {
      clientId: client.id,
      userId: truus.id,
      data: garden,
      mime: 'image/jpeg',
      at: ago(5),
    });
    const post = insertPost(deps.db, {
      clientId: client.id,
      authorUserId: truus.id,
      text: 'Vandaag heerlijk in de tuin gezeten. Het zonnetje deed me goed.',
      photoId,
      mood: 'happy',
      at: ago(5),
    });
    insertReaction(deps.db, { postId: post, authorUserId: annie.id, text: 'Wat fijn, mam! Mooie foto.', at: ago(3) });
  })();
}
