/**
 * Two small images (64×64), the manifest the store and refusal tests render: small enough that
 * the emulator's jobs take milliseconds.
 */
export const TWO_SMALL_IMAGES = `version: 1
defaults: { type: image, model: flux-1.1-pro, params: { width: 64, height: 64 } }
assets:
  - id: hero
    prompt: A lighthouse at dawn
    output: public/hero.png
  - id: logo
    prompt: A fox made of triangles
    output: public/logo.png
`;

/** The same manifest with `outputs: store`: renders kept in the store, not committed. */
export const TWO_SMALL_IMAGES_IN_STORE = TWO_SMALL_IMAGES.replace(
  "version: 1\n",
  "version: 1\noutputs: store\n",
);
