// The prescriptions area's API shapes, from the generated client.
import type { components } from "../../api/schema";

type Schemas = components["schemas"];

export type Prescription = Schemas["Prescription"];
export type PrescribedMedication = Schemas["PrescribedMedication"];
export type MedicationIn = Schemas["PrescribedMedicationIn"];
export type ConfirmIn = Schemas["PrescriptionConfirmIn"];
export type PrescriptionStatus = Prescription["status"];
export type Notice = NonNullable<Prescription["notice"]>;
