# WealthDesk app image. `npm ci` compiles src/ into dist/ (the `prepare` script, esbuild),
# and the image runs that JavaScript, as `npm start` does. Config comes from the
# environment only (see src/config.ts).
FROM node:20-bookworm-slim

ENV NODE_ENV=production \
    PORT=3000 \
    HOST=0.0.0.0 \
    DATA_DIR=/app/data \
    npm_config_update_notifier=false

WORKDIR /app
COPY package.json package-lock.json tsconfig.json ./
COPY scripts/build.mjs ./scripts/
COPY bin ./bin
COPY src ./src
# esbuild (the build) is a regular dependency; dev dependencies are not needed to serve.
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force

COPY web-widget ./web-widget
# the demo product-document library ingested on first start (src/rag/demo-library.ts)
COPY demo ./demo

RUN mkdir -p /app/data && chown -R node:node /app/data
USER node
EXPOSE 3000

HEALTHCHECK --interval=10s --timeout=3s --start-period=60s --retries=3 \
  CMD node -e "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/healthz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"

# `node` rather than `npm start`: signals reach the app directly for a graceful shutdown.
CMD ["node", "dist/main.js"]
