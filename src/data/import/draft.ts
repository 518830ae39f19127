/**
 * An import that has been read but not yet kept: what the preview shows (classes with
 * counts and sample strips, the picker thumbnail) and the records saving it will write.
 */
import type { DatasetSpec } from '../../catalog';
import { imageGridThumbnail, scatterThumbnail, type Thumbnail } from '../thumbnail';
import type { TableData } from './csvTable';
import type { ImageSet } from './imageImport';
import { newUserDatasetId, type StoredDatasetData, type StoredDatasetMeta } from './storedDataset';
import { columnStats } from './userDatasetSource';

/** One class in the preview. */
export interface ClassPreview {
  name: string;
  count: number;
  /** A strip of its first images (image datasets), or null (tables). */
  strip: Thumbnail | null;
}

/** What the import dialog shows before the dataset is kept. */
export interface ImportPreview {
  kind: 'image' | 'points';
  /** A suggested name (the folder, archive or file name). */
  name: string;
  shape: number[];
  classes: ClassPreview[];
  total: number;
  /** False for a table imported without a label column (self-supervised only). */
  labelled: boolean;
  /** The picker's thumbnail. */
  thumbnail: Thumbnail;
  /** Feature column names (tables). */
  features?: string[];
  /** What was skipped or ignored, one sentence each. */
  notes: string[];
}

/** A read import, ready to be named and kept. */
export interface DatasetDraft {
  preview: ImportPreview;
  spec: Pick<DatasetSpec, 'kind' | 'shape' | 'classes' | 'source'>;
  counts: number[];
  data: StoredDatasetData;
}

/** Images per class strip in the preview. */
const STRIP = 8;

/** The listed images of an image set, as floats in [0, 1]. */
function imagesAsFloats(set: ImageSet, indices: number[]): Float32Array {
  const per = set.size * set.size * set.channels;
  const out = new Float32Array(indices.length * per);
  indices.forEach((i, n) => {
    for (let p = 0; p < per; p++) out[n * per + p] = set.pixels[i * per + p]! / 255;
  });
  return out;
}

/** The indices of each class's first `n` samples. */
function firstPerClass(labels: Int32Array, classes: number, n: number): number[][] {
  const byClass: number[][] = Array.from({ length: classes }, () => []);
  labels.forEach((l, i) => {
    if (byClass[l]!.length < n) byClass[l]!.push(i);
  });
  return byClass;
}

/** Indices of up to `n` samples taking the classes in turn (so every class shows). */
function roundRobin(labels: Int32Array, classes: number, n: number): number[] {
  const byClass = firstPerClass(labels, classes, n);
  const out: number[] = [];
  for (let r = 0; out.length < n && byClass.some((members) => r < members.length); r++) {
    for (const members of byClass) if (r < members.length && out.length < n) out.push(members[r]!);
  }
  return out;
}

/** The draft of an image import (`notes`: the skipped-file and ignored-file sentences). */
export function imageDraft(set: ImageSet, name: string, source: string, notes: string[]): DatasetDraft {
  const shape = [set.size, set.size, set.channels];
  const firstOfClass = firstPerClass(set.labels, set.classes.length, STRIP);
  const classes = set.classes.map((className, k) => {
    const first = firstOfClass[k]!;
    return { name: className, count: set.counts[k]!, strip: imageGridThumbnail(imagesAsFloats(set, first), shape, { cols: STRIP, rows: 1, cell: 20, gap: 2 }) };
  });
  const thumbnail = imageGridThumbnail(imagesAsFloats(set, roundRobin(set.labels, set.classes.length, 16)), shape);
  return {
    preview: { kind: 'image', name, shape, classes, total: set.labels.length, labelled: true, thumbnail, notes },
    spec: { kind: 'image', shape, classes: set.classes, source },
    counts: set.counts,
    data: { format: 1, kind: 'image', pixels: set.pixels, labels: set.labels },
  };
}

/** The picker thumbnail of a table: its first two standardised features (the second 0 for one feature), by class. */
function tableThumbnail(table: TableData): Thumbnail {
  const f = table.featureNames.length;
  const rows = table.labels.length;
  const all = Int32Array.from({ length: rows }, (_, i) => i);
  const { mean, std } = columnStats(table.features, f, all);
  const points = new Float32Array(2 * rows);
  for (let i = 0; i < rows; i++) {
    for (let k = 0; k < Math.min(2, f); k++) points[2 * i + k] = (table.features[i * f + k]! - mean[k]!) / std[k]!;
  }
  return scatterThumbnail(points, table.labels);
}

/** The draft of a table import. */
export function tableDraft(table: TableData, name: string, source: string): DatasetDraft {
  const counts = table.classes.map((_, k) => table.labels.reduce((n, l) => n + (l === k ? 1 : 0), 0));
  const shape = [table.featureNames.length];
  return {
    preview: {
      kind: 'points',
      name,
      shape,
      classes: table.classes.map((className, k) => ({ name: className, count: counts[k]!, strip: null })),
      total: table.labels.length,
      labelled: table.labelColumn !== null,
      thumbnail: tableThumbnail(table),
      features: table.featureNames,
      notes: [],
    },
    spec: { kind: 'points', shape, classes: table.classes, source },
    counts,
    data: { format: 1, kind: 'points', features: table.features, labels: table.labels },
  };
}

/** The records that keep a draft under the name the user gave it. */
export function keptDataset(draft: DatasetDraft, label: string, mirrorKeepsClass: boolean, id = newUserDatasetId(), now = Date.now()): { meta: StoredDatasetMeta; data: StoredDatasetData } {
  const spec: DatasetSpec = { id, label, ...draft.spec, shape: [...draft.spec.shape], classes: [...draft.spec.classes], ...(draft.spec.kind === 'image' ? { mirrorKeepsClass } : {}) };
  return { meta: { format: 1, spec, counts: draft.counts, thumbnail: draft.preview.thumbnail, createdAt: now }, data: draft.data };
}
