// maplibre's stylesheet as text (71 KB, 10 KB gzip): a chunk of its own, imported with maplibre when a map is built.
export { default } from 'maplibre-gl/dist/maplibre-gl.css';
