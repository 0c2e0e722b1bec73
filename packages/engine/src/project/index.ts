/** 2-D maps of embeddings: PCA (global structure), t-SNE and UMAP (local neighbourhoods). */
export { type PcaModel, type PcaResult, pca, transformPca } from "./pca.ts";
export { gatherRows, sampleRows } from "./sample.ts";
export { type TsneOptions, type TsneResult, tsne } from "./tsne.ts";
export type { Points } from "./types.ts";
export { type UmapOptions, umap } from "./umap.ts";
