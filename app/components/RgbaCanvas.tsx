/** Draws RGBA bytes (a dataset thumbnail, a term's preview image) on a canvas. */
import { useEffect, useRef } from 'react';

/** Props of RgbaCanvas. */
export interface RgbaCanvasProps {
  width: number;
  height: number;
  rgba: Uint8ClampedArray;
  className?: string;
  title?: string;
}

/** A canvas showing an RGBA image at its own resolution (CSS scales it, pixelated). */
export function RgbaCanvas({ width, height, rgba, className, title }: RgbaCanvasProps) {
  const ref = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    const canvas = ref.current;
    const ctx = canvas?.getContext('2d');
    if (!canvas || !ctx || rgba.length !== width * height * 4) return;
    const image = ctx.createImageData(width, height);
    image.data.set(rgba);
    ctx.putImageData(image, 0, 0);
  }, [width, height, rgba]);
  return <canvas ref={ref} width={width} height={height} className={className} title={title} />;
}
