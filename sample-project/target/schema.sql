-- The new system: an estate-agency platform's people, properties, tenancies,
-- diary and opening balances. Ids are assigned by the migration (source order),
-- so a re-run gives the same ids.
CREATE TABLE person (
  id          bigint PRIMARY KEY,
  title       text,
  first_name  text,
  last_name   text NOT NULL,
  email       text,
  phone       text,
  created_on  date,
  notes       text
);

CREATE TABLE person_role (
  person_id   bigint NOT NULL REFERENCES person (id),
  role        text NOT NULL CHECK (role IN ('applicant', 'vendor', 'landlord', 'tenant')),
  PRIMARY KEY (person_id, role)
);

CREATE TABLE supplier (
  id          bigint PRIMARY KEY,
  name        text NOT NULL,
  trade       text
);

CREATE TABLE property (
  id            bigint PRIMARY KEY,
  landlord_id   bigint REFERENCES person (id),
  address_line1 text NOT NULL,
  town          text,
  postcode      text,
  property_type text NOT NULL,
  status        text NOT NULL,
  asking_price  numeric(14, 2),
  rent_pcm      numeric(12, 2)
);

CREATE TABLE tenancy (
  id          bigint PRIMARY KEY,
  property_id bigint NOT NULL REFERENCES property (id),
  tenant_id   bigint NOT NULL REFERENCES person (id),
  start_date  date NOT NULL,
  end_date    date,
  rent_pcm    numeric(12, 2) NOT NULL,
  deposit     numeric(12, 2),
  status      text NOT NULL,
  CHECK (end_date IS NULL OR end_date >= start_date)
);

CREATE TABLE diary_entry (
  id          bigint PRIMARY KEY,
  kind        text NOT NULL CHECK (kind IN ('viewing', 'valuation', 'inspection')),
  property_id bigint NOT NULL REFERENCES property (id),
  person_id   bigint REFERENCES person (id),
  entry_date  date NOT NULL,
  entry_time  time,
  notes       text
);

CREATE TABLE opening_balance (
  id           bigint PRIMARY KEY,
  account      text NOT NULL CHECK (account IN ('client', 'deposit')),
  landlord_id  bigint REFERENCES person (id),
  tenancy_id   bigint REFERENCES tenancy (id),
  supplier_id  bigint REFERENCES supplier (id),
  amount       numeric(14, 2) NOT NULL,
  CHECK (num_nonnulls(landlord_id, tenancy_id, supplier_id) = 1)
);
