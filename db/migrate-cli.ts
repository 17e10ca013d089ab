import { runMigrations } from "./migrate";
import { bootstrap } from "@/lib/bootstrap";

runMigrations();
await bootstrap();
console.log("database ready");
