-- The extract query of the sample SQLite database (samples/patrons.db), for Source:Kind sqlite: the table already
-- holds canonical patron rows, so the query only names the columns. A real SIS query lives in Extract/.
SELECT person_id, login_id, barcode, first_name, middle_name, last_name, preferred_first_name, email, phone,
       address_line1, address_line2, city, state, postal_code, country, patron_type, campus, term_end_date,
       birth_date, status
FROM patrons
ORDER BY person_id;
