// The state of Gebruikersbeheer for the client shown: the grid rows, the invitations, and the changes with their
// confirmation and undo. A tick shows at once and is saved at once; when the server refuses, the box goes back.
import { computed, ref, watch, type Ref } from 'vue';
import type { InvitationItem, NetworkRow, UpdateMemberBody } from '../../../shared/api/network.ts';
import type { Section } from '../../../shared/sections.ts';
import { ApiError } from '../api/api-error.ts';
import { networkApi } from '../api/network.ts';
import { withRight } from '../lib/network.ts';
import { useMessages } from './use-messages.ts';

export interface Snack {
  text: string;
  /** Present when the change can be undone ("Ongedaan maken"). */
  undo?: () => Promise<void>;
  error?: boolean;
  /** Bumped per message, so the same text shown twice restarts the snackbar's timer. */
  id: number;
}

export function useNetwork(clientId: Ref<number | null>) {
  const { t, errorText } = useMessages();
  const rows = ref<NetworkRow[]>([]);
  const settingsDelegable = ref(true);
  const invitations = ref<InvitationItem[]>([]);
  const loaded = ref(false);
  /** 403/404: this user may not manage this client's network (the page then says "geen toegang"). */
  const denied = ref(false);
  const loadError = ref<unknown>(null);
  const snack = ref<Snack | null>(null);
  /** "userId:section" of boxes whose save is under way (disabled meanwhile, so clicks cannot cross). */
  const saving = ref(new Set<string>());
  let snackId = 0;

  function say(text: string, extra: Omit<Snack, 'text' | 'id'> = {}): void {
    snack.value = { text, ...extra, id: ++snackId };
  }

  function isDenied(e: unknown): boolean {
    return e instanceof ApiError && (e.status === 403 || e.status === 404) && e.code !== 'locked';
  }

  async function load(): Promise<void> {
    const id = clientId.value;
    if (id === null) return;
    loadError.value = null;
    try {
      const [net, inv] = await Promise.all([networkApi.network(id), networkApi.invitations(id)]);
      if (id !== clientId.value) return;
      rows.value = net.rows;
      settingsDelegable.value = net.settingsDelegable;
      invitations.value = inv.invitations;
      denied.value = false;
    } catch (e) {
      if (id !== clientId.value) return;
      if (isDenied(e)) denied.value = true;
      else loadError.value = e;
    } finally {
      if (id === clientId.value) loaded.value = true;
    }
  }
  watch(
    clientId,
    () => {
      loaded.value = false;
      denied.value = false;
      rows.value = [];
      invitations.value = [];
      void load();
    },
    { immediate: true },
  );

  function replaceRow(row: NetworkRow): void {
    rows.value = rows.value.map((r) => (r.userId === row.userId ? row : r));
  }

  async function patchRow(userId: number, body: UpdateMemberBody): Promise<NetworkRow> {
    const id = clientId.value!;
    const row = await networkApi.update(id, userId, body);
    if (id === clientId.value) replaceRow(row);
    return row;
  }

  async function setRight(row: NetworkRow, section: Section, value: boolean, isUndo = false): Promise<void> {
    const key = `${row.userId}:${section}`;
    if (saving.value.has(key)) return;
    const before = row.rights[section];
    saving.value = new Set(saving.value).add(key);
    replaceRow(withRight(row, section, value));
    const named = { section: t(`network.columns.${section}`), name: row.name };
    try {
      await patchRow(row.userId, { rights: { [section]: value } });
      if (isUndo) say(t('network.undone'));
      else
        say(t(value ? 'network.rightOn' : 'network.rightOff', named), {
          undo: () => setRight(current(row.userId) ?? row, section, before, true),
        });
    } catch (e) {
      replaceRow(withRight(current(row.userId) ?? row, section, before));
      say(errorText(e), { error: true });
      if (isDenied(e)) void load();
    } finally {
      const next = new Set(saving.value);
      next.delete(key);
      saving.value = next;
    }
  }

  const current = (userId: number) => rows.value.find((r) => r.userId === userId);

  async function setUntil(userId: number, accessUntil: string | null): Promise<void> {
    await patchRow(userId, { accessUntil });
  }

  async function remove(row: NetworkRow): Promise<void> {
    await networkApi.remove(clientId.value!, row.userId);
    rows.value = rows.value.filter((r) => r.userId !== row.userId);
    say(t('network.details.removed', { name: row.name }));
    // His open invitations were withdrawn with him: show that too.
    void load();
  }

  return {
    rows,
    settingsDelegable,
    invitations,
    loaded,
    denied,
    loadError,
    snack,
    saving: computed(() => saving.value),
    load,
    setRight,
    setUntil,
    remove,
    say,
  };
}
