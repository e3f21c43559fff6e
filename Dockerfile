# dnsledger: the API and the feed consumer in one process, the database on a volume.
FROM node:20-bookworm-slim AS build
WORKDIR /app
# better-sqlite3 is built from source against the image's Node headers.
RUN apt-get update \
  && apt-get install -y --no-install-recommends python3 make g++ \
  && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json .npmrc ./
RUN npm_config_nodedir=/usr/local npm ci
COPY tsconfig.json ./
COPY src ./src
COPY schemas ./schemas
RUN npm run build && npm prune --omit=dev

FROM node:20-bookworm-slim
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=8080 \
    DNSLEDGER_DB=/var/lib/dnsledger/dnsledger.db \
    DNSLEDGER_SAMPLE_DIR=/app/data/sample
WORKDIR /app
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY package.json ./
COPY data ./data
RUN mkdir -p /var/lib/dnsledger && chown node:node /var/lib/dnsledger
USER node
VOLUME ["/var/lib/dnsledger"]
EXPOSE 8080
HEALTHCHECK --interval=30s --timeout=3s CMD node -e "fetch('http://127.0.0.1:'+process.env.PORT+'/health').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"
CMD ["node", "--enable-source-maps", "dist/src/main.js"]
