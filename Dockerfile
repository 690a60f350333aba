# Chancery in a container: a build stage with the dev tools, a runtime stage with production
# dependencies only, running as the image's unprivileged `node` user.
#   docker build -t chancery .
#   docker compose up            (with PostgreSQL: see compose.yaml and docs/deployment.md)

# --- build: compile dist/ (server modules and the browser bundles) --------------------------
FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY . .
RUN npm run build

# --- runtime -------------------------------------------------------------------------------
FROM node:20-bookworm-slim
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=3000 \
    CHANCERY_DATA_DIR=/data
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force
COPY --from=build /app/dist ./dist
COPY bin ./bin
COPY workflows ./workflows
# The data folder (embedded database when DATABASE_URL is unset, uploaded files) belongs to `node`.
RUN mkdir -p /data && chown node:node /data
USER node
VOLUME ["/data"]
EXPOSE 3000
# Slim images have no curl: Node's own fetch asks /health.
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 3000) + '/health').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
CMD ["node", "dist/app/cli/main.js", "serve"]
