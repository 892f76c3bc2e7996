/** `npm run build`: the production build, recorded so that `npm start` does not build it again. */
import { buildApp } from "./lib/build-hash";

buildApp();
