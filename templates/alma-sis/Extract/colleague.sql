-- Colleague extract for the Alma SIS feed of ALMA_COLLEGE_NAME (SQL Server, Ellucian Colleague).
--
-- Produces the canonical patron row, one row per person and role: a person who is both a student and an employee
-- appears twice, and the feed keeps the row whose user group weighs most (alma-user-groups.csv). Column names
-- must stay exactly as aliased below. Colleague's multi-valued fields appear in SQL Server as association tables
-- (PERSON_EMAIL, PERPHONE, ...); check the names against your release with your Colleague DBA. Tables used:
--
--   PERSON            person: ID, names, nickname, birth date, preferred address
--   ORG_ENTITY_ENV    the campus login (OEE_USERNAME) of a person (OEE_RESOURCE)
--   PEOPLE_EMAIL      email addresses (PERSON_EMAIL_TYPES 'COL', PERSON_PREFERRED_EMAIL)
--   ADDRESS           addresses (the person's PREFERRED_ADDRESS)
--   PERPHONE          personal phones (PERSONAL_PHONE_TYPE 'CP')
--   STUDENT_TERMS     who is registered in a term (STTR_STUDENT, STTR_TERM, STTR_ACAD_LEVEL)
--   TERMS             terms: the end date (TERM_END_DATE)
--   HRPER, PERSTAT    HR: employees and their current status (PERSTAT_STATUS, PERSTAT_END_DATE)
--
-- Codes to adapt with the registrar and HR: the current terms, the academic levels ('UG', 'GR') and HR statuses that
-- map to sis_code values of alma-user-groups.csv, and the email and phone types. Colleague has no standard
-- library barcode: take it from your card system, or leave it NULL.
WITH current_terms AS (
    SELECT TERMS_ID, TERM_END_DATE
    FROM TERMS
    WHERE GETDATE() BETWEEN DATEADD(DAY, -60, TERM_START_DATE) AND TERM_END_DATE
),
students AS (
    SELECT st.STTR_STUDENT AS person_id,
           CASE st.STTR_ACAD_LEVEL WHEN 'GR' THEN 'GR' ELSE 'UG' END AS patron_type,
           MAX(t.TERM_END_DATE) AS term_end_date
    FROM STUDENT_TERMS st
    JOIN current_terms t ON t.TERMS_ID = st.STTR_TERM
    WHERE st.STTR_STATUS IN ('R', 'A')                          -- registered, active
    GROUP BY st.STTR_STUDENT, st.STTR_ACAD_LEVEL
),
employees AS (
    SELECT ps.PERSTAT_HRP_ID AS person_id,
           CASE ps.PERSTAT_STATUS WHEN 'FT' THEN 'FAC' WHEN 'AD' THEN 'ADJ' ELSE 'STF' END AS patron_type,
           CAST(NULL AS date) AS term_end_date
    FROM PERSTAT ps
    JOIN HRPER h ON h.HRPER_ID = ps.PERSTAT_HRP_ID
    WHERE ps.PERSTAT_START_DATE <= GETDATE() AND (ps.PERSTAT_END_DATE IS NULL OR ps.PERSTAT_END_DATE >= GETDATE())
),
roles AS (
    SELECT person_id, patron_type, term_end_date FROM students
    UNION ALL
    SELECT person_id, patron_type, term_end_date FROM employees
)
SELECT p.ID                                            AS person_id,
       LOWER(oe.OEE_USERNAME)                          AS login_id,
       CAST(NULL AS nvarchar(30))                      AS barcode,
       p.FIRST_NAME                                    AS first_name,
       p.MIDDLE_NAME                                   AS middle_name,
       p.LAST_NAME                                     AS last_name,
       p.NICKNAME                                      AS preferred_first_name,
       em.PERSON_EMAIL_ADDRESSES                       AS email,
       ph.PERSONAL_PHONE_NUMBER                        AS phone,
       a.ADDRESS_LINES                                 AS address_line1,
       CAST(NULL AS nvarchar(255))                     AS address_line2,
       a.CITY                                          AS city,
       a.STATE                                         AS state,
       a.ZIP                                           AS postal_code,
       COALESCE(a.COUNTRY, 'USA')                      AS country,
       r.patron_type                                   AS patron_type,
       CAST(NULL AS nvarchar(50))                      AS campus,
       CONVERT(char(10), r.term_end_date, 23)          AS term_end_date,
       CONVERT(char(10), p.BIRTH_DATE, 23)             AS birth_date,
       'ACTIVE'                                        AS status
       -- Optional canonical columns (see the runbook's column table): uncomment those your Colleague has, with
       -- their joins below. The types ('BUS' email, 'BU' phone, 'B' address) are common ones: check your code tables.
       -- , p.PERSON_CHOSEN_MIDDLE_NAME                   AS preferred_middle_name
       -- , p.PERSON_CHOSEN_LAST_NAME                     AS preferred_last_name
       -- , pos.POS_TITLE                                 AS job_description
       -- , wa.ADDRESS_LINES                              AS work_address_line1
       -- , wa.CITY                                       AS work_city
       -- , wa.STATE                                      AS work_state
       -- , wa.ZIP                                        AS work_postal_code
       -- , wa.COUNTRY                                    AS work_country
       -- , we.PERSON_EMAIL_ADDRESSES                     AS work_email
       -- , wp.PERSONAL_PHONE_NUMBER                      AS work_phone
       -- , (SELECT STRING_AGG('MAJOR:' + sm.STPR_MAJOR_LIST, '|') FROM STUDENT_PROGRAMS sm
       --     WHERE sm.STPR_STUDENT = p.ID AND sm.STPR_END_DATE IS NULL) AS statistical_categories  -- CATEGORY or TYPE:CATEGORY
       -- Colleague has no standard preferred_language, additional_barcodes or note: leave them out, or select them
       -- from where you keep them.
FROM roles r
JOIN PERSON p ON p.ID = r.person_id
LEFT JOIN ORG_ENTITY_ENV oe ON oe.OEE_RESOURCE = p.ID
LEFT JOIN PEOPLE_EMAIL em ON em.ID = p.ID AND em.PERSON_EMAIL_TYPES = 'COL' AND em.PERSON_PREFERRED_EMAIL = 'Y'
LEFT JOIN ADDRESS a ON a.ADDRESS_ID = p.PREFERRED_ADDRESS
LEFT JOIN PERPHONE ph ON ph.ID = p.ID AND ph.PERSONAL_PHONE_TYPE = 'CP'
-- Joins of the optional columns above:
-- LEFT JOIN PERPOS pp ON pp.PERPOS_HRP_ID = p.ID AND pp.PERPOS_START_DATE <= GETDATE() AND (pp.PERPOS_END_DATE IS NULL OR pp.PERPOS_END_DATE >= GETDATE())
-- LEFT JOIN POSITION pos ON pos.POSITION_ID = pp.PERPOS_POSITION_ID
-- LEFT JOIN PSEASON wps ON wps.ID = p.ID AND wps.ADDR_TYPE = 'B'
-- LEFT JOIN ADDRESS wa ON wa.ADDRESS_ID = wps.PERSON_ADDRESSES
-- LEFT JOIN PEOPLE_EMAIL we ON we.ID = p.ID AND we.PERSON_EMAIL_TYPES = 'BUS'
-- LEFT JOIN PERPHONE wp ON wp.ID = p.ID AND wp.PERSONAL_PHONE_TYPE = 'BU'
WHERE p.DECEASED_DATE IS NULL                                   -- never send deceased people
ORDER BY p.ID
