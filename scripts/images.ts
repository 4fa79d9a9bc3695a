// Builds the suite's test images (cached) and prints each archive: `npm run images`.
import { buildTestImages } from "../engine/images/build.ts";
import { loadSettings } from "../engine/settings/env.ts";

const images = await buildTestImages(process.cwd(), loadSettings().cluster.cacheDir, (l) => console.error(l));
for (const i of images) console.log(`${i.ref}\t${i.archive}`);
