// small built-in lists: enough variety to look real, small enough to read

export const forenames: readonly string[] = [
  'James', 'Oliver', 'Harry', 'George', 'Jack', 'Thomas', 'William', 'Daniel', 'Matthew', 'David',
  'Olivia', 'Amelia', 'Emily', 'Sophie', 'Grace', 'Hannah', 'Charlotte', 'Lucy', 'Eleanor', 'Ruth',
  'Zoë', 'Siân', 'Łukasz', 'Chloé', 'Renée', 'José', 'Aoife', 'Niamh', 'Dafydd', 'Eilidh',
  'Mohammed', 'Priya', 'Aisha', 'Ravi', 'Mei', 'Tomasz', 'Agnieszka', 'Björn', 'Seán', 'Ffion',
  'Margaret', 'Peter', 'Susan', 'Michael', 'Anne', 'John', 'Mary', 'Robert', 'Helen', 'Stephen',
];

export const surnames: readonly string[] = [
  'Smith', 'Jones', 'Williams', 'Taylor', 'Brown', 'Davies', 'Evans', 'Wilson', 'Thomas', 'Roberts',
  'Johnson', 'Lewis', 'Walker', 'Robinson', 'Wood', 'Thompson', 'White', 'Watson', 'Jackson', 'Wright',
  "O'Brien", 'Smith-Jones', "O'Connor", 'Ap Rhys', 'Nowak', 'Kowalski', 'Patel', 'Khan', 'Begum', 'Nguyen',
  'Green', 'Harris', 'Cooper', 'King', 'Lee', 'Martin', 'Clarke', 'Morgan', 'Hughes', 'Edwards',
  'Hill', 'Moore', 'Scott', 'Young', 'Morris', 'Hall', 'Ward', 'Turner', 'Carter', 'Phillips',
  'Mitchell', 'Campbell', 'Anderson', 'Murphy', 'Price', 'Bell', 'Baker', 'Griffiths', 'Kelly', 'Fox',
  'Lloyd-Webber', 'Brontë', 'Müller', 'Ó Briain', 'MacLeod', 'Fraser', 'Reid', 'Murray', 'Shaw', 'Knight',
];

export const titles: readonly string[] = ['Mr', 'Mrs', 'Ms', 'Miss', 'Dr', 'MR', 'MRS', ''];

export const emailDomains: readonly string[] = ['example.co.uk', 'example.com', 'mail.example.org', 'example.net'];

export const personNotes: readonly string[] = [
  'Prefers email',
  'Looking for a 2-bed flat, max £1,200 pcm',
  'Cash buyer, no chain',
  'Said "call after 5pm"',
  'Has a dog, needs garden',
  'Mortgage agreed in principle, £250,000',
  'Do not call on Sundays',
  'Relocating from Leeds, needs parking',
  'Landlord of several flats, prefers "no DSS" to be removed from adverts',
  'Referred by Mrs Patel, 12 Mill Lane',
];

export const streets: readonly string[] = [
  'High Street', 'Station Road', 'Church Lane', 'Mill Lane', 'Victoria Road', 'Park Avenue', 'The Crescent',
  'Queen Street', 'Kingsway', 'Orchard Close', 'Manor Road', 'Harbour Walk', 'Café Row', 'Église Court',
];

export const towns: readonly string[] = [
  'Bristol', 'Bath', 'Exeter', 'Cardiff', 'Swansea', 'Leeds', 'York', 'Norwich', 'Brighton', 'Reading',
  'Oxford', 'Cheltenham', 'Plymouth', 'Truro', 'Weston-super-Mare', 'Bradford-on-Avon', 'Newport', 'Gloucester',
];

export const postcodeAreas: readonly string[] = ['BS', 'BA', 'EX', 'CF', 'SA', 'LS', 'YO', 'NR', 'BN', 'RG', 'OX', 'GL', 'PL', 'TR', 'NP'];

export const propertyTypes: readonly string[] = ['House', 'Flat', 'Bungalow', 'Maisonette', 'Cottage', 'Studio', 'FLAT', 'house'];

export const supplierNames: readonly string[] = [
  'Harbour', 'Avon', 'Westcountry', 'Quayside', 'Brunel', 'Severn', 'Mendip', 'Clifton', 'Redland', 'Cotswold',
];

export const trades: readonly string[] = ['Plumber', 'Electrician', 'Gas Engineer', 'Cleaner', 'Locksmith', 'Gardener', 'Decorator', 'Roofer', 'PLUMBER', 'electrician'];

export const diaryNotes: readonly string[] = [
  'Keys from office',
  'Vendor present',
  'Tenant to be home; ring bell twice',
  'Applicant running late, "10 mins"',
  'Meter readings taken',
  'Parking at rear, permit in glovebox',
  'Second viewing requested',
  'Damp in back bedroom reported',
];
