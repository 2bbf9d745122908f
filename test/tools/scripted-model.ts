import { MockLanguageModelV3 } from 'ai/test';

type GenerateResult = Awaited<ReturnType<MockLanguageModelV3['doGenerate']>>;

/** A tool call the scripted model makes: the tool's name and the input it writes. */
export interface ScriptedCall {
  toolName: string;
  input: unknown;
}

const usage = {
  inputTokens: { total: 0, noCache: 0, cacheRead: 0, cacheWrite: 0 },
  outputTokens: { total: 0, text: 0, reasoning: 0 },
};

/**
 * AI SDK 6's mock model playing a script: step n makes the tool calls `steps[n]`, and the step
 * after the last answers with text. What it was sent each step is in `doGenerateCalls`.
 */
export function scriptedModel(steps: ScriptedCall[][]): MockLanguageModelV3 {
  let step = 0;
  return new MockLanguageModelV3({
    doGenerate: () => Promise.resolve(answer(steps[step], step++)),
  });
}

function answer(calls: ScriptedCall[] | undefined, step: number): GenerateResult {
  if (!calls)
    return { content: [{ type: 'text', text: 'Done.' }], finishReason: { unified: 'stop', raw: 'stop' }, usage, warnings: [] };
  return {
    content: calls.map(({ toolName, input }, index) => ({
      type: 'tool-call',
      toolCallId: `call_${step}_${index}`,
      toolName,
      input: JSON.stringify(input),
    })),
    finishReason: { unified: 'tool-calls', raw: 'tool_calls' },
    usage,
    warnings: [],
  };
}

/** The tool results the model read at step `step`: the outputs of the previous step's calls, as sent to it. */
export function toolResultsSeen(model: MockLanguageModelV3, step: number): unknown[] {
  const last = model.doGenerateCalls[step]?.prompt.at(-1);
  if (last?.role !== 'tool') return [];
  return last.content.flatMap((part) => (part.type === 'tool-result' ? [part.output] : []));
}
