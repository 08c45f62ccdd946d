import { ref } from 'vue';
import { useI18n } from 'vue-i18n';

/**
 * The server's answer when someone else changed the row first. Mutations of versioned rows ask for it
 * with `... on ErrorResult { code message } ... on VersionConflict { currentVersion }`.
 */
export interface VersionConflictAnswer {
  message: string;
  currentVersion: number;
}

/**
 * The version an edit dialog sends with its change, and what it does on a VersionConflict: fetch the
 * row as stored now, start the form over from it (what the clerk typed is not merged into someone
 * else's change), and say so; the next save sends the version that now holds. Dialogs do not call it
 * themselves: useFormMutation (`versioned`) composes it, so every form sends and recovers one way.
 */
export function useVersionedEdit<Row extends { version: number }>(options: {
  /** The row as stored now (a network-only read); null when the caller can no longer see it. */
  refetch: () => Promise<Row | null | undefined>;
  /** Fills the form from a row (what the dialog shows of it). */
  fill?: (row: Row) => void;
}) {
  const { t } = useI18n();
  /** The version the form was filled from: sent with the change. */
  const version = ref(0);
  /** True while the fresh row is being fetched after a conflict. */
  const reloading = ref(false);

  /** Starts from the row as the dialog opens (none when adding a new one). */
  function start(row: Row | null | undefined): void {
    version.value = row?.version ?? 0;
    if (row) options.fill?.(row);
  }

  /**
   * Someone else saved first: the form starts over from the stored row. Returns the text to show: that
   * the fresh row is in, or the server's own message when it could not be fetched.
   */
  async function conflicted(conflict: VersionConflictAnswer): Promise<string> {
    reloading.value = true;
    try {
      const fresh = await options.refetch();
      if (!fresh || fresh.version < conflict.currentVersion) return conflict.message;
      start(fresh);
      return t('common.versionConflictReloaded');
    } catch {
      return conflict.message;
    } finally {
      reloading.value = false;
    }
  }

  return { version, reloading, start, conflicted };
}
