/** Inserts a few advisors and clients (the minimum the demo routes read) into a migrated store. */
import type { Db } from '../../src/db/db.js';

export async function insertDemoPeople(db: Db, clients = 12): Promise<void> {
  await db.query(`INSERT INTO advisors (id, name, name_en, email) VALUES ('A01', '王经理', 'Manager Wang', 'a01@example.com')`);
  for (let i = 1; i <= clients; i++) {
    const id = `C${String(i).padStart(4, '0')}`;
    await db.query(
      `INSERT INTO clients (id, advisor_id, name, name_en, base_currency, language, inception_date)
       VALUES ($1, 'A01', $2, $3, $4, $5, '2022-01-03')`,
      [id, `客户${i}`, `Client ${i}`, i % 5 === 0 ? 'USD' : 'CNY', i % 3 === 0 ? 'en' : 'zh'],
    );
  }
}
