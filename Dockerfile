# Caregraph's app image, used by docker-compose.yml.
FROM node:20-slim
WORKDIR /app
COPY package.json package-lock.json ./
COPY prisma ./prisma
COPY prisma.config.ts ./
# postinstall generates the Prisma client from prisma/schema.prisma.
RUN npm ci
COPY . .
RUN npm run build && npm run admin:build && npm prune --omit=dev
ENV NODE_ENV=production
EXPOSE 4000
# Migrates, seeds an empty database, then serves GraphQL; stops gracefully on SIGTERM.
CMD ["node", "dist/src/index.js"]
