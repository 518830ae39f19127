/** A strip of small images from a term's diagnostics (e.g. the masked batch). */
import type { TermDiagnostics } from '../../src/protocol';
import { RgbaCanvas } from '../components/RgbaCanvas';

/** A term's image diagnostics. */
export type ImageSet = NonNullable<TermDiagnostics['images']>;

/** Draws every image of the set side by side. */
export function ImageStrip({ images }: { images: ImageSet }) {
  return (
    <div className="image-strip">
      {images.rgba.map((rgba, i) => (
        <RgbaCanvas key={i} className="image-strip__item" width={images.width} height={images.height} rgba={rgba} />
      ))}
    </div>
  );
}
