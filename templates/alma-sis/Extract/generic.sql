-- The extract query for ALMA_COLLEGE_NAME: a SELECT whose result columns are the canonical patron columns, exactly
-- as named below (see README.md in this folder for what each holds). Point it at the table or view your SIS
-- export lands in; one row per person and role; dates as yyyy-MM-dd text or as dates.
SELECT person_id, login_id, barcode, first_name, middle_name, last_name, preferred_first_name, email, phone,
       address_line1, address_line2, city, state, postal_code, country, patron_type, campus, term_end_date,
       birth_date, status
       -- The optional columns, where your table has them (see README.md's column table):
       -- , preferred_middle_name, preferred_last_name, job_description, preferred_language
       -- , work_address_line1, work_address_line2, work_city, work_state, work_postal_code, work_country
       -- , work_email, work_phone, additional_barcodes, statistical_categories, note
       -- Any other column (e.g. major) reaches PatronMapper.cs by name: row["major"].
FROM patrons
ORDER BY person_id
