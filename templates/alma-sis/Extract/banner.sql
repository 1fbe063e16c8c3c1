-- Banner extract for the Alma SIS feed of ALMA_COLLEGE_NAME (Oracle, Ellucian Banner).
--
-- Produces the canonical patron row, one row per person and role: a person who is both a student and an employee
-- appears twice, and the feed keeps the row whose user group weighs most (alma-user-groups.csv). Column names
-- must stay exactly as aliased below. Run it as a read-only account that can select from these tables:
--
--   SPRIDEN   identity: the Banner ID, names (current row: SPRIDEN_CHANGE_IND IS NULL)
--   SPBPERS   person: birth date, preferred first name, deceased indicator
--   GOBTPAC   third-party access: the external (SSO) user name
--   GOREMAL   email addresses (active, preferred, of the campus type)
--   SPRADDR   addresses (active, current, of the mailing type)
--   SPRTELE   phones (active, primary)
--   SGBSTDN   student base: level and campus of the latest effective term
--   SFRSTCR   registrations: who is enrolled in the current or next term
--   STVTERM   terms: the end date of that term
--   PEBEMPL   employees: employee class and status (HR)
--
-- Codes to adapt with the registrar and HR: the email type ('CAMP'), the address type ('MA'), the phone type
-- ('CELL'), the terms that count as current (:terms below is a literal list here), the levels ('UG', 'GR') and
-- employee classes that map to the sis_code values of alma-user-groups.csv. Banner has no standard library barcode:
-- take it from where your college keeps it (a SPRIDEN alternate ID, a card system), or leave it NULL.
WITH current_terms AS (
    SELECT stvterm_code, stvterm_end_date
    FROM stvterm
    WHERE stvterm_code IN ('202610', '202620')              -- the current and next term: adapt, or compute from dates
),
students AS (
    SELECT DISTINCT r.sfrstcr_pidm AS pidm,
           CASE s.sgbstdn_levl_code WHEN 'GR' THEN 'GR' ELSE 'UG' END AS patron_type,
           s.sgbstdn_camp_code AS campus,
           MAX(t.stvterm_end_date) OVER (PARTITION BY r.sfrstcr_pidm) AS term_end_date
    FROM sfrstcr r
    JOIN current_terms t ON t.stvterm_code = r.sfrstcr_term_code
    JOIN sgbstdn s ON s.sgbstdn_pidm = r.sfrstcr_pidm
                  AND s.sgbstdn_term_code_eff = (SELECT MAX(s2.sgbstdn_term_code_eff) FROM sgbstdn s2
                                                 WHERE s2.sgbstdn_pidm = s.sgbstdn_pidm AND s2.sgbstdn_term_code_eff <= r.sfrstcr_term_code)
    WHERE r.sfrstcr_rsts_code IN ('RE', 'RW')                -- registered (web or in person)
),
employees AS (
    SELECT e.pebempl_pidm AS pidm,
           CASE WHEN e.pebempl_ecls_code LIKE 'F%' THEN 'FAC'  -- faculty classes
                WHEN e.pebempl_ecls_code LIKE 'A%' THEN 'ADJ'  -- adjunct classes
                ELSE 'STF' END AS patron_type,
           e.pebempl_camp_code AS campus,
           CAST(NULL AS DATE) AS term_end_date
    FROM pebempl e
    WHERE e.pebempl_empl_status = 'A'
),
roles AS (
    SELECT pidm, patron_type, campus, term_end_date FROM students
    UNION ALL
    SELECT pidm, patron_type, campus, term_end_date FROM employees
)
SELECT i.spriden_id                                   AS person_id,
       LOWER(tp.gobtpac_external_user)                AS login_id,
       CAST(NULL AS VARCHAR2(30))                     AS barcode,
       i.spriden_first_name                           AS first_name,
       i.spriden_mi                                   AS middle_name,
       i.spriden_last_name                            AS last_name,
       p.spbpers_pref_first_name                      AS preferred_first_name,
       em.goremal_email_address                       AS email,
       CASE WHEN ph.sprtele_phone_number IS NOT NULL
            THEN ph.sprtele_phone_area || ' ' || ph.sprtele_phone_number END AS phone,
       ad.spraddr_street_line1                        AS address_line1,
       ad.spraddr_street_line2                        AS address_line2,
       ad.spraddr_city                                AS city,
       ad.spraddr_stat_code                           AS state,
       ad.spraddr_zip                                 AS postal_code,
       NVL(ad.spraddr_natn_code, 'USA')               AS country,
       r.patron_type                                  AS patron_type,
       r.campus                                       AS campus,
       TO_CHAR(r.term_end_date, 'YYYY-MM-DD')         AS term_end_date,
       TO_CHAR(p.spbpers_birth_date, 'YYYY-MM-DD')    AS birth_date,
       'ACTIVE'                                       AS status
       -- Optional canonical columns (see the runbook's column table): uncomment those your Banner has, with their
       -- joins below. The codes ('BU' business address and phone, 'BUS' email) are the usual ones: check yours.
       -- preferred_middle_name, preferred_last_name: from where your Banner keeps chosen names, if it does.
       -- , jb.nbrjobs_desc                           AS job_description
       -- , wa.spraddr_street_line1                   AS work_address_line1
       -- , wa.spraddr_street_line2                   AS work_address_line2
       -- , wa.spraddr_city                           AS work_city
       -- , wa.spraddr_stat_code                      AS work_state
       -- , wa.spraddr_zip                            AS work_postal_code
       -- , wa.spraddr_natn_code                      AS work_country
       -- , we.goremal_email_address                  AS work_email
       -- , wp.sprtele_phone_area || ' ' || wp.sprtele_phone_number AS work_phone
       -- , (SELECT LISTAGG(s.sgbstdn_majr_code_1, '|') WITHIN GROUP (ORDER BY 1) FROM sgbstdn s
       --     WHERE s.sgbstdn_pidm = r.pidm AND s.sgbstdn_term_code_eff = (SELECT MAX(s3.sgbstdn_term_code_eff)
       --     FROM sgbstdn s3 WHERE s3.sgbstdn_pidm = r.pidm)) AS statistical_categories  -- each CATEGORY or TYPE:CATEGORY
       -- Banner has no standard preferred_language, additional_barcodes or note: leave them out, set
       -- Export:PreferredLanguage for everyone, or select them from where you keep them.
FROM roles r
JOIN spriden i      ON i.spriden_pidm = r.pidm AND i.spriden_change_ind IS NULL
LEFT JOIN spbpers p ON p.spbpers_pidm = r.pidm
LEFT JOIN gobtpac tp ON tp.gobtpac_pidm = r.pidm
LEFT JOIN goremal em ON em.goremal_pidm = r.pidm AND em.goremal_emal_code = 'CAMP'
                    AND em.goremal_status_ind = 'A' AND em.goremal_preferred_ind = 'Y'
LEFT JOIN spraddr ad ON ad.spraddr_pidm = r.pidm AND ad.spraddr_atyp_code = 'MA' AND ad.spraddr_status_ind IS NULL
                    AND SYSDATE BETWEEN NVL(ad.spraddr_from_date, SYSDATE) AND NVL(ad.spraddr_to_date, SYSDATE)
LEFT JOIN sprtele ph ON ph.sprtele_pidm = r.pidm AND ph.sprtele_tele_code = 'CELL'
                    AND ph.sprtele_status_ind IS NULL AND ph.sprtele_primary_ind = 'Y'
-- Joins of the optional columns above:
-- LEFT JOIN nbrjobs jb ON jb.nbrjobs_pidm = r.pidm AND jb.nbrjobs_status = 'A' AND jb.nbrjobs_suff = '00'
--                     AND jb.nbrjobs_effective_date = (SELECT MAX(j2.nbrjobs_effective_date) FROM nbrjobs j2
--                                                     WHERE j2.nbrjobs_pidm = jb.nbrjobs_pidm AND j2.nbrjobs_posn = jb.nbrjobs_posn)
-- LEFT JOIN spraddr wa ON wa.spraddr_pidm = r.pidm AND wa.spraddr_atyp_code = 'BU' AND wa.spraddr_status_ind IS NULL
--                     AND SYSDATE BETWEEN NVL(wa.spraddr_from_date, SYSDATE) AND NVL(wa.spraddr_to_date, SYSDATE)
-- LEFT JOIN goremal we ON we.goremal_pidm = r.pidm AND we.goremal_emal_code = 'BUS' AND we.goremal_status_ind = 'A'
-- LEFT JOIN sprtele wp ON wp.sprtele_pidm = r.pidm AND wp.sprtele_tele_code = 'BU' AND wp.sprtele_status_ind IS NULL
WHERE p.spbpers_dead_ind IS NULL                               -- never send deceased people
ORDER BY i.spriden_id
