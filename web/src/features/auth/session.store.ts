import type { Client } from '@urql/vue';
import { defineStore } from 'pinia';
import { ref } from 'vue';
import { getFragmentData, graphql, type FragmentType } from '../../gql';
import type { Permission, SessionViewerFragment } from '../../gql/graphql';

export const SessionViewer = graphql(`
  fragment SessionViewer on Viewer {
    id
    username
    displayName
    role
    mustChangePassword
    permissions
    organization {
      id
      name
      tier
    }
  }
`);

const SessionQuery = graphql(`
  query Session {
    me {
      ...SessionViewer
    }
  }
`);

/** Who is signed in, as the server reported it. Menus and guards read it for display only. */
export const useSessionStore = defineStore('session', () => {
  const viewer = ref<SessionViewerFragment | null>(null);
  const loaded = ref(false);

  /** Asks the server once per page load; a failed request is retried on the next navigation. */
  async function load(client: Client): Promise<SessionViewerFragment | null> {
    if (loaded.value) return viewer.value;
    const result = await client.query(SessionQuery, {}, { requestPolicy: 'network-only' }).toPromise();
    if (result.error) return null;
    setViewer(result.data?.me ?? null);
    return viewer.value;
  }

  function setViewer(masked: FragmentType<typeof SessionViewer> | null): void {
    viewer.value = masked ? getFragmentData(SessionViewer, masked) : null;
    loaded.value = true;
  }

  function requirePasswordChange(): void {
    if (viewer.value) viewer.value = { ...viewer.value, mustChangePassword: true };
  }

  function can(permission: Permission): boolean {
    return viewer.value?.permissions.includes(permission) ?? false;
  }

  return { viewer, load, setViewer, requirePasswordChange, can };
});
