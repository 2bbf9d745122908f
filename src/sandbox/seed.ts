import type { MemoryLayerSeedMemory } from '../testing/memorylayer-fake.js';
import type { MieltoSeedMemory } from '../testing/mielto-fake.js';
import type { OpenSearchSeedContainer } from '../testing/opensearch-fake.js';
import type { SupermemorySeedMemory } from '../testing/supermemory-fake.js';

/** What the sandbox seeds into each fake. */
export interface SandboxSeeds {
  readonly mielto: readonly MieltoSeedMemory[];
  readonly memoryLayer: readonly MemoryLayerSeedMemory[];
  readonly supermemory: readonly SupermemorySeedMemory[];
  readonly openSearch: readonly OpenSearchSeedContainer[];
}

/**
 * What the sandbox starts with, so a first request to any API has something to update. The
 * Supermemory and OpenSearch ids are the ones those services use in their documented examples.
 */
export const SANDBOX_SEEDS: SandboxSeeds = {
  mielto: [
    {
      workspaceId: 'ws_personal',
      memory_id: 'mem_coffee',
      user_id: 'user_ada',
      memory: 'Ada takes her coffee as an oat-milk flat white',
      topics: ['coffee', 'preferences'],
      metadata: { source: 'onboarding' },
    },
    {
      workspaceId: 'ws_work',
      memory_id: 'mem_standup',
      user_id: 'user_ada',
      memory: "Ada's team stand-up is at 09:30",
      topics: ['work', 'schedule'],
    },
  ],
  memoryLayer: [
    {
      id: 'mem_dark_mode',
      layerId: 'layer_preferences',
      content: 'I prefer dark mode in my code editor',
      metadata: { source: 'preferences', category: 'ui' },
      embedding: [0.123, -0.456, 0.789],
    },
  ],
  supermemory: [{ containerTag: 'user_123', id: 'mem_abc123', memory: 'John prefers dark mode', metadata: {} }],
  openSearch: [
    {
      containerId: 'HudqiJkB1SltqOcZusVU',
      memories: {
        sessions: [
          { id: 'N2CDipkB2Mtr6INFFcX8', source: { summary: 'Getting to know Bob', additional_info: { key1: 'value0' } } },
        ],
        working: [
          {
            id: 'XyEuiJkBeh2gPPwzjYWM',
            source: {
              messages: [{ role: 'user', content: [{ type: 'text', text: "I'm Bob, I live in Seattle" }] }],
              tags: { topic: 'personal info' },
            },
          },
        ],
        'long-term': [{ id: 'DcxjTpkBvwXRq366C1Zz', source: { memory: "User's name is Bob", tags: { topic: 'personal info' } } }],
      },
    },
  ],
};
