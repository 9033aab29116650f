// The GitHub Actions the generated workflow uses, pinned. A tag can be moved by whoever controls the action's
// repository; a full commit SHA cannot, so a workflow that pushes images with a write token names commits. A SHA is
// written only when it was read from the action's own git history (tag → commit, and the commit is on the default
// branch); an action whose history could not be read keeps its major tag and the workflow says so.

/** One action, pinned to a commit verified in its own repository, or to its major tag with the reason why not. */
export type ActionPin =
  | {
      /** owner/name of the action's repository. */
      action: string;
      /** The release tag the SHA belongs to, written as a comment after it. */
      version: string;
      /** Full 40-hex commit SHA of `version`. */
      sha: string;
      /** Where and how the SHA was checked. */
      source: string;
    }
  | {
      action: string;
      /** Major version tag, e.g. "v4", used when the SHA could not be verified. */
      majorTag: string;
      /** Why there is no SHA: written into the workflow next to the tag. */
      unverified: string;
    };

// How every SHA below was checked (in a snapshot of each repository): `git rev-parse <version>^{commit}`, the
// same commit as the major tag, and `git merge-base --is-ancestor <sha> <default branch>`.
const source = (action: string, version: string) => `git history of github.com/${action}: tag ${version} = this commit, on the default branch`;

/** The actions the workflow uses, by role. Update a row only after reading the new tag in the action's repository. */
export const ACTION_PINS = {
  checkout: {
    action: 'actions/checkout',
    version: 'v7.0.1',
    sha: '3d3c42e5aac5ba805825da76410c181273ba90b1',
    source: source('actions/checkout', 'v7.0.1'),
  },
  setupQemu: {
    action: 'docker/setup-qemu-action',
    version: 'v4.2.0',
    sha: '96fe6ef7f33517b61c61be40b68a1882f3264fb8',
    source: source('docker/setup-qemu-action', 'v4.2.0'),
  },
  setupBuildx: {
    action: 'docker/setup-buildx-action',
    version: 'v4.3.0',
    sha: '37fe631027851001ddb9b187196cc803df7f5f0e',
    source: source('docker/setup-buildx-action', 'v4.3.0'),
  },
  metadata: {
    action: 'docker/metadata-action',
    version: 'v6.2.0',
    sha: 'dc802804100637a589fabce1cb79ff13a1411302',
    source: source('docker/metadata-action', 'v6.2.0'),
  },
  login: {
    action: 'docker/login-action',
    version: 'v4.1.0',
    sha: '4907a6ddec9925e35a0a9e82d7399ccc52663121',
    source: source('docker/login-action', 'v4.1.0'),
  },
  buildPush: {
    action: 'docker/build-push-action',
    version: 'v7.3.0',
    sha: '53b7df96c91f9c12dcc8a07bcb9ccacbed38856a',
    source: source('docker/build-push-action', 'v7.3.0'),
  },
} as const satisfies Record<string, ActionPin>;

/** The roles of ACTION_PINS: the steps that use an action. */
export type ActionRole = keyof typeof ACTION_PINS;

/**
 * The `uses:` value of a pinned action, with its version (or why it has none) as a YAML comment.
 * @example usesLine(ACTION_PINS.checkout) // 'actions/checkout@3d3c42e5aac5ba805825da76410c181273ba90b1 # v7.0.1'
 */
export function usesLine(pin: ActionPin): string {
  return 'sha' in pin
    ? `${pin.action}@${pin.sha} # ${pin.version}`
    : `${pin.action}@${pin.majorTag} # major tag, not a commit: ${pin.unverified}`;
}
