import { describe, expect, it } from 'vitest';
import sharp from 'sharp';
import { authFixture } from '../test-support/auth-fixture.ts';
import { seedDemo } from '../demo/seed.ts';
import { findUserByUsername } from '../db/repos/users.ts';
import { findClientByUserId } from '../db/repos/clients.ts';
import { findClientDetails, listClientContacts } from '../db/repos/client-details.ts';
import { findPhoto, listPosts, listReactions } from '../db/repos/board.ts';

describe('demo gegevens and prikbord', () => {
  it('gives Truus her EHR data, contacts and posts (one with a photo and a smiley, reactions by Annie); reruns add nothing', async () => {
    const { deps } = authFixture();
    await seedDemo(deps);
    await seedDemo(deps);
    const truus = findUserByUsername(deps.db, 'truus')!;
    const clientId = findClientByUserId(deps.db, truus.id)!.id;
    expect(findClientDetails(deps.db, clientId)).toMatchObject({
      fullName: 'Truus van Dorp',
      hasPhoto: true,
      source: 'demo-ehr',
    });
    expect(listClientContacts(deps.db, clientId)).toHaveLength(4);
    const posts = listPosts(deps.db, clientId, null, 10);
    expect(posts).toHaveLength(2);
    expect(posts[0]).toMatchObject({ authorName: 'Truus van Dorp', mood: 'happy' });
    const photo = findPhoto(deps.db, clientId, posts[0]!.photoId!)!;
    expect((await sharp(photo.data).metadata()).format).toBe('jpeg');
    const reactions = listReactions(
      deps.db,
      posts.map((p) => p.id),
    );
    expect(reactions.map((r) => r.authorName)).toContain('Annie van Dorp');
  });
});
