# The portal image: builds once, then `npm start` applies migrations, seeds (demo) and serves.
FROM node:20-bookworm-slim
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY . .
RUN node node_modules/tsx/dist/cli.mjs scripts/prisma.ts generate && node node_modules/next/dist/bin/next build
ENV NODE_ENV=production
EXPOSE 3000
CMD ["node", "node_modules/tsx/dist/cli.mjs", "scripts/start.ts"]
