import {
  createMemoryLayerFake,
  createMieltoFake,
  createOpenSearchFake,
  createSupermemoryFake,
  TestClock,
} from '../../src/testing/index.js';
import { fakeFetch } from './fake-fetch.js';
import { API_KEY } from './use-fake.js';

/** The four fakes on one virtual clock, a `fetch` that serves them all, and one memory seeded in each. */
export function fourFakes(osBase = 'https://search.test:9200') {
  const clock = new TestClock();
  const fakes = {
    mielto: createMieltoFake({ apiKey: API_KEY, clock }),
    memoryLayer: createMemoryLayerFake({ apiKey: API_KEY, clock }),
    supermemory: createSupermemoryFake({ apiKey: API_KEY, clock }),
    openSearch: createOpenSearchFake({ baseUrl: osBase, apiKey: API_KEY, clock }),
  };
  const seedAll = () => {
    for (const fake of Object.values(fakes)) fake.reset();
    fakes.mielto.seed([{ memory_id: 'mem_1', user_id: 'user_1', memory: 'Likes tea' }]);
    fakes.memoryLayer.seed([{ id: 'mem_1', layerId: 'layer_1', content: 'Likes tea' }]);
    fakes.supermemory.seed([{ containerTag: 'user_1', id: 'mem_1', memory: 'Likes tea' }]);
    fakes.openSearch.seed([{ containerId: 'c1', memories: { 'long-term': [{ id: 'l1', source: { memory: 'Likes tea' } }] } }]);
  };
  return { clock, osBase, fakes, seedAll, options: { clock, random: () => 0, fetch: fakeFetch(...Object.values(fakes)) } };
}
