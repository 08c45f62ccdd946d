# syntax=docker/dockerfile:1

# ---- build: install everything, build web + server, then drop dev dependencies
FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
COPY server/package.json server/
COPY web/package.json web/
RUN npm ci
COPY . .
RUN npm run build && npm prune --omit=dev
# Collect what the runtime needs (workspaces may have nested node_modules).
RUN mkdir -p /out/server /out/web \
 && cp -a package.json node_modules /out/ \
 && cp -a server/package.json server/dist /out/server/ \
 && cp -a web/package.json web/dist /out/web/ \
 && for ws in server web; do \
      if [ -d "$ws/node_modules" ]; then cp -a "$ws/node_modules" "/out/$ws/"; fi; \
    done

# ---- runtime: compiled output and production dependencies only, non-root
FROM node:20-bookworm-slim
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=3000
WORKDIR /app
COPY --from=build /out/ ./
# Writable only for the embedded PostgreSQL fallback (no DATABASE_URL).
RUN mkdir -p /app/.data && chown node:node /app/.data
USER node
EXPOSE 3000
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 3000) + '/healthz').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
CMD ["node", "server/dist/main.js"]
