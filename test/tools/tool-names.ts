/** The tools' names, as the agent-tools issue fixes them (users' prompts and configurations use them). */
export const ALL_TOOLS = [
  'mielto_update_memory',
  'mielto_replace_memory',
  'memorylayer_update_memory',
  'supermemory_update_memory',
  'opensearch_update_session',
  'opensearch_update_working_memory',
  'opensearch_update_long_term_memory',
];
