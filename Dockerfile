# Production image: the standalone Next.js server (node server.js), nothing else.
#   docker build -t iam-console .
# The `build` stage (full source and tools) is also the one-shot migration step:
#   docker build --target build -t iam-console-migrate . && docker run … iam-console-migrate npm run db:migrate
# See compose.yaml for two instances on PostgreSQL.
FROM node:20-bookworm-slim AS build
WORKDIR /src
# better-sqlite3 and argon2 ship prebuilt binaries; the toolchain is the fallback when none matches.
RUN apt-get update -qq && apt-get install -y -qq --no-install-recommends python3 make g++ && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY . .
# Instances deployed side by side must agree on the key that encrypts server-action ids.
ARG NEXT_SERVER_ACTIONS_ENCRYPTION_KEY
ENV NEXT_TELEMETRY_DISABLED=1
RUN npm run build

FROM node:20-bookworm-slim
WORKDIR /app
ENV NODE_ENV=production NEXT_TELEMETRY_DISABLED=1 HOSTNAME=0.0.0.0 PORT=3000 DATA_DIR=/data DATABASE_PATH=/data/app.db
RUN mkdir -p /data && chown node:node /data
COPY --from=build --chown=node:node /src/.next/standalone ./
USER node
EXPOSE 3000
VOLUME /data
# The port the server listens on: PORT may be overridden at run time.
HEALTHCHECK --interval=10s --timeout=3s CMD node -e "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/api/health').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"
CMD ["node", "server.js"]
