import { fileURLToPath } from "node:url";

/** The shared sample datasets, beside the repository (../shared/data). */
export const SHARED_DATA = fileURLToPath(new URL("../../../shared/data/", import.meta.url));
export const THERA_BANK = `${SHARED_DATA}Bank_Personal_Loan_Modelling.csv`;
/** Thera Bank's workbook: the data and a `Description` sheet (the data dictionary). */
export const THERA_WORKBOOK = `${SHARED_DATA}Bank_Personal_Loan_Modelling.xlsx`;
export const BANK_MARKETING = `${SHARED_DATA}bank-additional-full.csv`;
export const ONLINE_RETAIL = `${SHARED_DATA}online_retail.csv`;
