-- Core domain schema. Money and quantities are NUMERIC, never binary floats.
CREATE EXTENSION IF NOT EXISTS vector;

CREATE TABLE advisors (
  id          text PRIMARY KEY,
  name        text NOT NULL,
  name_en     text NOT NULL,
  email       text NOT NULL,
  created_at  timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE clients (
  id             text PRIMARY KEY,
  advisor_id     text NOT NULL REFERENCES advisors(id),
  name           text NOT NULL,              -- display name (Chinese or English)
  name_en        text NOT NULL,
  base_currency  char(3) NOT NULL CHECK (base_currency IN ('CNY','USD','HKD')),
  jurisdiction   text NOT NULL DEFAULT 'CN' CHECK (jurisdiction IN ('CN','HK','US')),
  language       text NOT NULL DEFAULT 'zh' CHECK (language IN ('zh','en')),
  birth_year     int,
  inception_date date NOT NULL,              -- first funding date of the account
  created_at     timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX clients_advisor_idx ON clients(advisor_id);

-- Questionnaire-based risk profile history; the latest row is the current profile.
CREATE TABLE risk_profiles (
  id           bigserial PRIMARY KEY,
  client_id    text NOT NULL REFERENCES clients(id),
  level        smallint NOT NULL CHECK (level BETWEEN 1 AND 5),   -- C1..C5
  score        int NOT NULL,
  answers      jsonb NOT NULL DEFAULT '{}',
  reasons      jsonb NOT NULL DEFAULT '[]',
  assessed_at  timestamptz NOT NULL,
  expires_at   timestamptz NOT NULL,
  source       text NOT NULL DEFAULT 'questionnaire'
);
CREATE INDEX risk_profiles_client_idx ON risk_profiles(client_id, assessed_at DESC);

CREATE TABLE instruments (
  id            text PRIMARY KEY,            -- ticker or product code, e.g. '600519.SH', '0700.HK', 'AAPL', 'WM-2024-031'
  name          text NOT NULL,               -- Chinese name where there is one
  name_en       text NOT NULL,
  asset_class   text NOT NULL CHECK (asset_class IN
                  ('equity_cn','equity_hk','equity_us','bond','fund','wealth','private','reit','cash','index')),
  currency      char(3) NOT NULL CHECK (currency IN ('CNY','USD','HKD')),
  region        text NOT NULL CHECK (region IN ('CN','HK','US','GLOBAL')),
  sector        text,
  risk_level    smallint CHECK (risk_level BETWEEN 1 AND 5),  -- R1..R5 (products; stocks R4/R5)
  is_product    boolean NOT NULL DEFAULT false,             -- sold as a product (funds, wealth, private, REIT, bond funds)
  product_type  text,                                        -- 'public_fund','bank_wealth','private_fund','reit','bond', …
  lot_size      int NOT NULL DEFAULT 1,
  min_purchase  numeric(20,2),
  market_cap    numeric(24,2),
  benchmark_id  text,                                        -- default benchmark instrument
  description   text,
  issuer        text,
  launch_date   date
);
CREATE INDEX instruments_class_idx ON instruments(asset_class);

-- Daily closes (NAV for funds and products), in the instrument's currency.
CREATE TABLE prices (
  instrument_id text NOT NULL REFERENCES instruments(id),
  date          date NOT NULL,
  close         numeric(20,6) NOT NULL CHECK (close > 0),
  PRIMARY KEY (instrument_id, date)
);
CREATE INDEX prices_date_idx ON prices(date);

-- Daily FX: 1 unit of `currency` = `rate_cny` CNY. CNY itself has rate 1 and no rows.
CREATE TABLE fx_rates (
  date      date NOT NULL,
  currency  char(3) NOT NULL,
  rate_cny  numeric(20,8) NOT NULL CHECK (rate_cny > 0),
  PRIMARY KEY (currency, date)
);

CREATE TABLE accounts (
  id          text PRIMARY KEY,
  client_id   text NOT NULL REFERENCES clients(id),
  name        text NOT NULL,
  currency    char(3) NOT NULL,
  opened_at   date NOT NULL
);
CREATE INDEX accounts_client_idx ON accounts(client_id);

-- Tax lots: the source of truth for positions. `cost_price` in instrument currency.
CREATE TABLE lots (
  id             bigserial PRIMARY KEY,
  client_id      text NOT NULL REFERENCES clients(id),
  account_id     text NOT NULL REFERENCES accounts(id),
  instrument_id  text NOT NULL REFERENCES instruments(id),
  quantity       numeric(24,6) NOT NULL CHECK (quantity > 0),
  cost_price     numeric(20,6) NOT NULL CHECK (cost_price >= 0),
  acquired_at    date NOT NULL
);
CREATE INDEX lots_client_idx ON lots(client_id);

-- Positions as the sum of lots; cost_basis in instrument currency.
CREATE VIEW holdings AS
  SELECT client_id, instrument_id,
         sum(quantity) AS quantity,
         sum(quantity * cost_price) AS cost_basis,
         min(acquired_at) AS first_acquired
    FROM lots
   GROUP BY client_id, instrument_id;

CREATE TABLE transactions (
  id             bigserial PRIMARY KEY,
  client_id      text NOT NULL REFERENCES clients(id),
  account_id     text NOT NULL REFERENCES accounts(id),
  instrument_id  text REFERENCES instruments(id),
  type           text NOT NULL CHECK (type IN ('buy','sell','dividend','deposit','withdrawal','fee')),
  trade_date     date NOT NULL,
  quantity       numeric(24,6),
  price          numeric(20,6),
  amount         numeric(24,4) NOT NULL,     -- signed cash effect in `currency`
  currency       char(3) NOT NULL
);
CREATE INDEX transactions_client_idx ON transactions(client_id, trade_date);

-- Target allocation by asset class (weights sum to 1 per client).
CREATE TABLE target_allocations (
  client_id    text NOT NULL REFERENCES clients(id),
  asset_class  text NOT NULL,
  weight       numeric(9,6) NOT NULL CHECK (weight >= 0 AND weight <= 1),
  PRIMARY KEY (client_id, asset_class)
);

CREATE TABLE goals (
  id            bigserial PRIMARY KEY,
  client_id     text NOT NULL REFERENCES clients(id),
  name          text NOT NULL,
  target_amount numeric(24,2) NOT NULL,
  currency      char(3) NOT NULL,
  target_date   date NOT NULL,
  monthly_contribution numeric(24,2) NOT NULL DEFAULT 0
);
