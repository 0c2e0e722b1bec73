import { ExactIndex } from "@kindred/engine/lookalike";
import { vectorIndexContract } from "./vector-index.contract.ts";

vectorIndexContract("embedded exact index", async () => ({
  index: new ExactIndex(),
  dispose: async () => {},
}));
